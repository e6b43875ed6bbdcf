"""The consultation service: station registry, comment templates, ingest, listing, decisions.

`CommentService` (`workbench.workspace.comments.service`) is the façade; its parts share one
`Catalogue` of stations and versions:

- `intake`: templates out, comment files in (`readers` read them in worker processes,
  `storing` writes them);
- `listing`: comments as they show in a version, counts per node;
- `decisions`: decisions and placing by hand;
- `reports`: duplicate clusters, statistics, the 四方 counts.

Every SQL statement they run is in `workbench.store` (``comment_*`` modules).
"""

from workbench.workspace.comments.service import CommentService
from workbench.workspace.comments.views import CommentView, IngestResult

__all__ = ["CommentService", "CommentView", "IngestResult"]
