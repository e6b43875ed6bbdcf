"""The 四前四方 review: the matrix of consultation nodes × parties and the gates between nodes."""

from workbench.review.matrix import (
    MatrixError,
    assemble_matrix,
    check_cell,
    check_stage,
    nodes_between,
    open_cells_before,
)

__all__ = [
    "MatrixError",
    "assemble_matrix",
    "check_cell",
    "check_stage",
    "nodes_between",
    "open_cells_before",
]
