// name: methods-used-together
// description: Methods and models named in the same papers as a given one, by number of shared papers.
// params: method, limit:int=10
WITH toLower($method) AS q
MATCH (m:Method|Model)
WHERE m.id = q OR toLower(m.name) = q OR any(a IN m.aliases WHERE toLower(a) = q)
MATCH (m)<-[:MENTIONS]-(p:Paper)-[:MENTIONS]->(o:Method|Model)
WHERE o.id <> m.id
RETURN o.name AS other, o.type AS type, count(DISTINCT p) AS papers
ORDER BY papers DESC, other
LIMIT $limit
