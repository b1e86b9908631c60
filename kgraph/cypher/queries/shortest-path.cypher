// name: shortest-path
// description: The shortest chain of relationships (any direction, at most 6) between two entities given by id or name.
// params: from, to
MATCH (a:Method|Model|Dataset|Metric|Task)
WHERE a.id = toLower($from) OR toLower(a.name) = toLower($from)
MATCH (b:Method|Model|Dataset|Metric|Task)
WHERE b.id = toLower($to) OR toLower(b.name) = toLower($to)
MATCH p = shortestPath((a)-[*..6]-(b))
RETURN [n IN nodes(p) | coalesce(n.name, n.title, n.id)] AS path, length(p) AS hops
ORDER BY hops
LIMIT 1
