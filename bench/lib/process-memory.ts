import { readFileSync } from 'node:fs';

export interface ProcessMemory {
  /** Resident set now (process.memoryUsage().rss). */
  rssMiB: number;
  /** The peak resident set of the process so far (/proc/self/status VmHWM). */
  peakRssMiB: number;
  heapUsedMiB: number;
  heapTotalMiB: number;
  /** Memory of C++ objects bound to JS (the worker's native core, gRPC buffers). */
  externalMiB: number;
  arrayBuffersMiB: number;
}

const MiB = 1024 * 1024;
const mib = (bytes: number) => Math.round((bytes / MiB) * 10) / 10;

/** This process's memory: Node's figures and the kernel's peak (VmHWM), in MiB. */
export function processMemory(): ProcessMemory {
  const usage = process.memoryUsage();
  const status = readFileSync('/proc/self/status', 'utf8');
  const peakKiB = Number(/^VmHWM:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? Number.NaN);
  return {
    rssMiB: mib(usage.rss),
    peakRssMiB: mib(peakKiB * 1024),
    heapUsedMiB: mib(usage.heapUsed),
    heapTotalMiB: mib(usage.heapTotal),
    externalMiB: mib(usage.external),
    arrayBuffersMiB: mib(usage.arrayBuffers),
  };
}
