// name: top-datasets
// description: The datasets named by the most papers.
// params: limit:int=10
MATCH (p:Paper)-[:MENTIONS]->(e:Dataset)
RETURN e.name AS name, count(DISTINCT p) AS papers
ORDER BY papers DESC, name
LIMIT $limit
