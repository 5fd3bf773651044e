/** Learner explanations of RAG used across the explain-it-back tests. */
export const RAG_EXPLANATIONS = {
  good: 'RAG means the system first searches your own documents for the passages most relevant to the question, then puts those chunks into the prompt and the model writes an answer from them, citing the sources. You prepare by splitting documents into chunks and indexing them with embeddings. A pitfall: outdated or duplicate pages give confident wrong answers, and if retrieval misses the right passage the model may answer from memory.',
  partial:
    'RAG is when the model looks things up in your documents before answering, like an open-book exam.',
  offTopic: 'A cat sat on the mat and the weather in Paris was lovely this spring afternoon.',
} as const;
