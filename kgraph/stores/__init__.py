"""Graph stores behind one small interface: the embedded default (LadybugDB) and Neo4j."""
from .base import GraphStore, open_store

__all__ = ["GraphStore", "open_store"]
