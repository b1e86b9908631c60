"""The extraction pipeline: spaCy components over pure rule functions, vocabulary in patterns/."""
