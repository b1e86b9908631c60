// name: top-tasks
// description: The tasks named by the most papers.
// params: limit:int=10
MATCH (p:Paper)-[:MENTIONS]->(e:Task)
RETURN e.name AS name, count(DISTINCT p) AS papers
ORDER BY papers DESC, name
LIMIT $limit
