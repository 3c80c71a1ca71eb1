/**
 * Every kernel a compute thread may run, by name: threads receive only a name, so the registry is the one place
 * that decides what code crosses into them. Add a kernel here when an algorithm starts using a ParallelMap.
 */
import { exchangeStartKernel } from '../doe/exchange-kernel.js';
import { tunedCvKernel } from '../learners/tuned-cv-kernel.js';
import { forestTreesKernel } from '../forest/forest-kernel.js';
import type { ComputeKernel } from './parallel-map.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kernel has its own shared/item/result types
type AnyKernel = ComputeKernel<any, any, any, any>;

export const KERNELS: Readonly<Record<string, AnyKernel>> = Object.freeze({
  [exchangeStartKernel.name]: exchangeStartKernel,
  [tunedCvKernel.name]: tunedCvKernel,
  [forestTreesKernel.name]: forestTreesKernel,
});
