"""Comment files from the liaison stations: formats, validation, templates, anchoring, duplicates.

Pure logic over the model: this package must not import the store or the workspace
(`workbench.workspace.comments` orchestrates ingest, decisions and listing).
"""

from workbench.comments.anchoring import (
    WHOLE,
    CitationIndex,
    Placement,
    Resolution,
    article_of_citation,
    normalize_citation,
    place,
)
from workbench.comments.clustering import (
    NEAR_THRESHOLD,
    ClusterCandidate,
    FoundCluster,
    cluster_target,
    cluster_targets,
    dup_key,
    find_clusters,
    normalize_text,
)
from workbench.comments.limits import DEFAULT_LIMITS, Limits
from workbench.comments.readers import (
    FORMULA_PREFIXES,
    FileFormat,
    ParsedFile,
    ParsedRow,
    detect_format,
    read_comment_file,
    split_quote,
)
from workbench.comments.schema import SCHEMA_FILE, comment_file_schema, comment_file_schema_text
from workbench.comments.stations import (
    REGISTRY_COLUMNS,
    REGISTRY_FILE,
    default_stations,
    read_registry,
    registry_csv,
)
from workbench.comments.template import CITATION_SHEET, TemplateHeader, template_bytes
from workbench.comments.validate import check_header

__all__ = [
    "CITATION_SHEET",
    "DEFAULT_LIMITS",
    "FORMULA_PREFIXES",
    "NEAR_THRESHOLD",
    "REGISTRY_COLUMNS",
    "REGISTRY_FILE",
    "SCHEMA_FILE",
    "WHOLE",
    "CitationIndex",
    "ClusterCandidate",
    "FileFormat",
    "FoundCluster",
    "Limits",
    "ParsedFile",
    "ParsedRow",
    "Placement",
    "Resolution",
    "TemplateHeader",
    "article_of_citation",
    "check_header",
    "cluster_target",
    "cluster_targets",
    "comment_file_schema",
    "comment_file_schema_text",
    "default_stations",
    "detect_format",
    "dup_key",
    "find_clusters",
    "normalize_citation",
    "normalize_text",
    "place",
    "read_comment_file",
    "read_registry",
    "registry_csv",
    "split_quote",
    "template_bytes",
]
