// `--out json=FILE` of the k6 TEST DOUBLE: one JSON object per line, as k6's JSON output writes
// them: a `Metric` line the first time a metric appears, then a `Point` line per sample
// (`{"metric","type":"Point","data":{"time","value","tags"}}`), times in ISO 8601 on the virtual clock.
import fs from 'node:fs';
import type { MetricStore } from './metric-store.js';
import type { Sample } from './sample.js';

export class JsonOutput {
  private readonly fd: number;
  private readonly announced = new Set<string>();
  private buffer: string[] = [];

  constructor(
    file: string,
    private readonly store: MetricStore,
  ) {
    this.fd = fs.openSync(file, 'w');
  }

  write(sample: Sample): void {
    if (!this.announced.has(sample.metric)) {
      this.announced.add(sample.metric);
      const definition = this.store.definition(sample.metric);
      const thresholds = this.store.thresholdSets.filter((set) => set.name === sample.metric).flatMap((set) => set.thresholds.map((threshold) => threshold.source));
      this.buffer.push(
        JSON.stringify({
          type: 'Metric',
          data: { name: sample.metric, type: definition?.type, contains: definition?.contains, thresholds, submetrics: null },
          metric: sample.metric,
        }),
      );
    }
    const data: Record<string, unknown> = { time: new Date(sample.time).toISOString(), value: sample.value, tags: sample.tags };
    if (sample.metadata !== undefined && Object.keys(sample.metadata).length > 0) data.metadata = sample.metadata;
    this.buffer.push(JSON.stringify({ metric: sample.metric, type: 'Point', data }));
    if (this.buffer.length >= 1000) this.flush();
  }

  flush(): void {
    if (this.buffer.length === 0) return;
    fs.writeSync(this.fd, `${this.buffer.join('\n')}\n`);
    this.buffer = [];
  }

  close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }
}
