// name: methods-evaluated-on
// description: Methods and models evaluated on a dataset (any of its names), with the paper and the evidence sentence.
// params: dataset
WITH toLower($dataset) AS q
MATCH (d:Dataset)
WHERE d.id = q OR toLower(d.name) = q OR any(a IN d.aliases WHERE toLower(a) = q)
MATCH (m:Method|Model)-[e:EVALUATED_ON]->(d)
MATCH (p:Paper {id: e.paper_id})
RETURN m.name AS method, m.type AS type, d.name AS dataset, p.title AS paper, e.sentence AS evidence
ORDER BY method, paper
