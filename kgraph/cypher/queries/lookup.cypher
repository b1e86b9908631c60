// name: lookup
// description: Find entities by any of their names or aliases (case-insensitive), with their type and how many papers name them.
// params: name
WITH toLower($name) AS q
MATCH (e:Method|Model|Dataset|Metric|Task)
WHERE e.id = q OR toLower(e.name) = q OR any(a IN e.aliases WHERE toLower(a) = q)
RETURN e.id AS id, e.type AS type, e.name AS name, e.aliases AS aliases, e.papers AS papers
ORDER BY type, name
