// name: datasets-for-method
// description: Datasets a method or model was evaluated on, with the paper and the evidence sentence.
// params: method
WITH toLower($method) AS q
MATCH (m:Method|Model)
WHERE m.id = q OR toLower(m.name) = q OR any(a IN m.aliases WHERE toLower(a) = q)
MATCH (m)-[e:EVALUATED_ON]->(d:Dataset)
MATCH (p:Paper {id: e.paper_id})
RETURN m.name AS method, d.name AS dataset, p.title AS paper, e.sentence AS evidence
ORDER BY dataset, paper
