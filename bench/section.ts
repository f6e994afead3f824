/** One part of `bench/results.md`; each benchmark module exports `run(): Promise<BenchSection>`. */
export interface BenchSection {
  title: string;
  /** Markdown body: a short table of figures and ratios, plus how they were measured. */
  markdown: string;
  /** Headline numbers for the console summary and the issue note. */
  figures: Record<string, number | string>;
}
