import { readFileSync } from 'node:fs';

/** Resident set size and its high-water mark of a Linux process, in MB; null once the process is gone. */
export function processMemory(pid: number): { rssMb: number; peakMb: number } | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/** Samples a process's RSS every `everyMs` until stopped; `stop` returns the largest sample in MB. */
export function sampleRss(pid: number, everyMs = 100): { stop(): number } {
  let peak = 0;
  const sample = () => {
    const memory = processMemory(pid);
    if (memory) peak = Math.max(peak, memory.rssMb);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}
