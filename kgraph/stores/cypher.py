"""All write Cypher, generated from the schema in kgraph.graph: batched `UNWIND $rows ... MERGE`
on the unique `id` key. Labels and types are interpolated only after a schema check; every
value travels as a parameter. The same statements run on Neo4j and LadybugDB."""
from __future__ import annotations

from collections.abc import Iterable

from ..graph import KEY, NODE_PROPERTIES, check_label, check_rel


def merge_nodes(label: str, properties: Iterable[str] | None = None) -> str:
    check_label(label)
    props = [p for p in (NODE_PROPERTIES[label] if properties is None else properties) if p != KEY]
    for p in props:
        if p not in NODE_PROPERTIES[label]:
            raise ValueError(f"unknown property {p!r} of {label}")
    sets = ", ".join(f"n.{p} = row.{p}" for p in props)
    return f"UNWIND $rows AS row MERGE (n:{label} {{{KEY}: row.{KEY}}})" + (f" SET {sets}" if sets else "")


def merge_relationships(rel_type: str, from_label: str, to_label: str,
                        properties: Iterable[str] | None = None) -> str:
    """Rows carry `src` and `dst` node ids plus the relationship's properties. Both ends are
    matched first, then only the relationship is merged (never a whole pattern)."""
    spec = check_rel(rel_type, from_label, to_label)
    props = list(properties if properties is not None else spec.properties)
    for p in props:
        if p not in spec.properties:
            raise ValueError(f"unknown property {p!r} of {rel_type}")
    disc = spec.discriminator
    if disc and disc not in props:
        props.append(disc)
    ident = f" {{{disc}: row.{disc}}}" if disc else ""
    sets = ", ".join(f"r.{p} = row.{p}" for p in props if p != disc)
    return (f"UNWIND $rows AS row MATCH (a:{from_label} {{{KEY}: row.src}}) "
            f"MATCH (b:{to_label} {{{KEY}: row.dst}}) MERGE (a)-[r:{rel_type}{ident}]->(b)"
            + (f" SET {sets}" if sets else ""))
