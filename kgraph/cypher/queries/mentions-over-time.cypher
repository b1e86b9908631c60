// name: mentions-over-time
// description: How many dated papers name an entity, per year.
// params: name
WITH toLower($name) AS q
MATCH (e:Method|Model|Dataset|Metric|Task)
WHERE e.id = q OR toLower(e.name) = q OR any(a IN e.aliases WHERE toLower(a) = q)
MATCH (p:Paper)-[:MENTIONS]->(e)
WHERE p.year IS NOT NULL
RETURN e.name AS name, p.year AS year, count(DISTINCT p) AS papers
ORDER BY name, year
