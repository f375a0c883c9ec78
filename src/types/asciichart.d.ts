declare module 'asciichart' {
  interface PlotConfig {
    min?: number;
    max?: number;
    height?: number;
    offset?: number;
    padding?: string;
    colors?: string[];
    format?: (x: number, i: number) => string;
  }
  const asciichart: {
    plot(series: number[] | number[][], config?: PlotConfig): string;
    /** ANSI colour codes, and `default` for the terminal's own colour. */
    readonly default: string;
    readonly red: string;
    readonly green: string;
    readonly yellow: string;
    readonly cyan: string;
  };
  export default asciichart;
}
