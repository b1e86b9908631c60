// Starter queries for Neo4j Browser: paste one at a time, then run :style and drop kgraph.grass.

// 1. Which methods were evaluated on CIFAR-10, and by which paper?
MATCH (m:Method|Model)-[e:EVALUATED_ON]->(d:Dataset {id: 'cifar-10'})
MATCH (p:Paper {id: e.paper_id})
RETURN m, d, p LIMIT 50;

// 2. The citation-style graph recovered from abstracts: who builds on whom, and through what.
MATCH (a:Paper)-[b:BUILDS_ON]->(p:Paper)
RETURN a, b, p LIMIT 100;

// 3. Everything one paper says: proposals, datasets, tasks, results.
MATCH (p:Paper {title: 'Neural Discrete Representation Learning'})-[r]->(x)
RETURN p, r, x;

// 4. A leaderboard as a graph: results on ImageNet with their metric and method.
MATCH (res:Result)-[:ACHIEVED_ON]->(d:Dataset {id: 'imagenet'})
OPTIONAL MATCH (res)-[:MEASURED_BY]->(m:Metric)
OPTIONAL MATCH (res)-[:ACHIEVED_BY]->(x)
RETURN res, d, m, x;

// 5. Full-text search over names, aliases and titles.
CALL db.index.fulltext.queryNodes('kgraph_names', 'quantization~') YIELD node, score
RETURN node, score LIMIT 25;

// 6. The neighbourhood of a method: papers proposing or naming VQ-VAE.
MATCH (m {id: 'vector-quantized-variational-autoencoder'})<-[r:PROPOSES|MENTIONS]-(p:Paper)
RETURN m, r, p LIMIT 60;
