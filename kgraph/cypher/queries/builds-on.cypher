// name: builds-on
// description: The papers a paper (id or exact title) builds on, through which entity, with the evidence sentence.
// params: paper
MATCH (a:Paper)
WHERE a.id = $paper OR toLower(a.title) = toLower($paper)
MATCH (a)-[b:BUILDS_ON]->(p:Paper)
RETURN p.title AS builds_on, b.via AS via, b.sentence AS evidence
ORDER BY builds_on, via
