#!/usr/bin/env bash
# Render DOCX files to PDF and PNG pages through LibreOffice, so a person can look at them.
#
#   scripts/render_docx.sh OUT_DIR FILE.docx [FILE.docx ...]
#
# Writes OUT_DIR/<name>.pdf and OUT_DIR/<name>-<page>.png (pdftoppm, 80 dpi by default;
# set DPI=...). Needs soffice and pdftoppm, and a CJK font, else every character is a box:
#   sudo apt install libreoffice-writer poppler-utils fonts-noto-cjk
# The official-document fonts (仿宋_GB2312, 楷体_GB2312, 黑体, 方正小标宋简体)
# are rarely installed on Linux: a private fontconfig file maps them to the Noto CJK and
# AR PL families when those exist, so the preview shows serif body text and sans headings.
set -euo pipefail

if [[ $# -lt 2 ]]; then
    echo "用法：$0 输出目录 文件.docx [文件.docx ...]" >&2
    exit 2
fi
out=$1
shift
for tool in soffice pdftoppm; do
    if ! command -v "$tool" >/dev/null; then
        echo "缺少 $tool。Debian/Ubuntu 请运行：sudo apt install libreoffice-writer poppler-utils fonts-noto-cjk" >&2
        echo "（fonts-noto-cjk 提供中文字体；没有中文字体时，页面上的汉字都显示为方框。）" >&2
        exit 1
    fi
done
if ! command -v fc-list >/dev/null || ! fc-list :lang=zh family | grep -q .; then
    echo "提示：没有找到中文字体，页面上的汉字会显示为方框。Debian/Ubuntu 请运行：sudo apt install fonts-noto-cjk" >&2
fi
mkdir -p "$out"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
serif="Noto Serif CJK SC"
sans="Noto Sans CJK SC"
kai="AR PL UKai CN"
fc-list | grep -q "UKai" || kai=$serif
alias_xml() {
    printf '<alias binding="same"><family>%s</family><prefer><family>%s</family></prefer></alias>\n' "$1" "$2"
}
{
    echo '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
    echo '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
    for f in 仿宋_GB2312 仿宋 FangSong 宋体 SimSun 方正小标宋简体; do alias_xml "$f" "$serif"; done
    for f in 楷体_GB2312 楷体 KaiTi; do alias_xml "$f" "$kai"; done
    for f in 黑体 SimHei; do alias_xml "$f" "$sans"; done
    echo '</fontconfig>'
} >"$work/fonts.conf"
export FONTCONFIG_FILE="$work/fonts.conf"

for file in "$@"; do
    name=$(basename "${file%.*}")
    soffice --headless "-env:UserInstallation=file://$work/profile" \
        --convert-to pdf --outdir "$work" "$file" >/dev/null
    cp "$work/$name.pdf" "$out/$name.pdf"
    pdftoppm -png -r "${DPI:-80}" "$out/$name.pdf" "$out/$name"
    echo "$out/$name.pdf"
done
