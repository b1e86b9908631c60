// name: leaderboard
// description: Reported results on a dataset: metric, method, value, paper and evidence, best first per metric (lower is better for FID, perplexity, errors, time...).
// params: dataset
WITH toLower($dataset) AS q
MATCH (d:Dataset)
WHERE d.id = q OR toLower(d.name) = q OR any(a IN d.aliases WHERE toLower(a) = q)
MATCH (r:Result)-[:ACHIEVED_ON]->(d)
MATCH (p:Paper)-[:REPORTS]->(r)
WITH r, p, CASE WHEN r.higher_is_better = false THEN r.number ELSE -r.number END AS rank
RETURN r.metric AS metric, r.method AS method, r.value AS value, p.title AS paper, r.sentence AS evidence
ORDER BY metric, rank, paper
