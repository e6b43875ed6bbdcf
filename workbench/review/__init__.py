"""The legislative cycle and the 四前四方 review: stages, the matrix of nodes × parties, gates."""

from workbench.review.cycle import (
    CycleError,
    StageChoice,
    check_outcome,
    compare_headings,
    cycle_state,
    nodes_passed,
    path_of,
    resolve_stage,
    stage_rank,
    version_label,
    version_name,
)
from workbench.review.matrix import (
    MatrixError,
    assemble_matrix,
    check_cell,
    check_stage,
    open_cells_at,
)

__all__ = [
    "CycleError",
    "MatrixError",
    "StageChoice",
    "assemble_matrix",
    "check_cell",
    "check_outcome",
    "check_stage",
    "compare_headings",
    "cycle_state",
    "nodes_passed",
    "open_cells_at",
    "path_of",
    "resolve_stage",
    "stage_rank",
    "version_label",
    "version_name",
]
