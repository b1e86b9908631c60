"""kgraph: research-paper abstracts to a Task-Dataset-Method-Metric-Result knowledge graph."""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kgraph")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
