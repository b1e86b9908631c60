// name: methods-for-task
// description: Methods and models proposed by papers that address a task, with the paper.
// params: task
WITH toLower($task) AS q
MATCH (t:Task)
WHERE t.id = q OR toLower(t.name) = q OR any(a IN t.aliases WHERE toLower(a) = q)
MATCH (p:Paper)-[:ADDRESSES]->(t)
MATCH (p)-[:PROPOSES]->(m:Method|Model)
RETURN t.name AS task, m.name AS method, m.type AS type, p.title AS paper
ORDER BY method, paper
