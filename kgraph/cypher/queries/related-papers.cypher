// name: related-papers
// description: Papers that share entities with a paper (given by id or exact title), most shared first.
// params: paper, limit:int=10
MATCH (a:Paper)
WHERE a.id = $paper OR toLower(a.title) = toLower($paper)
MATCH (a)-[:MENTIONS]->(e)<-[:MENTIONS]-(b:Paper)
WHERE b.id <> a.id
RETURN b.id AS id, b.title AS paper, count(DISTINCT e) AS shared
ORDER BY shared DESC, paper
LIMIT $limit
