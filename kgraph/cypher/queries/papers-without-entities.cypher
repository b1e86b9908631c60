// name: papers-without-entities
// description: Coverage: papers from which nothing was extracted (often a title without abstract).
// params:
MATCH (p:Paper)
WHERE NOT EXISTS { MATCH (p)-[:MENTIONS]->() }
RETURN p.id AS id, p.title AS paper, size(p.abstract) AS abstract_chars
ORDER BY paper
