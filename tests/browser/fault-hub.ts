import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { writeTestModel } from '../../scripts/test-model/write-model';
import { FaultServer } from './fault-server';
import { launchPersistent } from './harness';

/** A model bigger than one 32 MiB chunk (62 MB in fp32): a cut at 40 MB keeps one chunk for a resume. */
export const MID = {
  vocab: 320,
  hidden: 512,
  layers: 4,
  heads: 8,
  kvHeads: 2,
  headDim: 64,
  intermediate: 2048,
};

export interface FaultHub {
  context: BrowserContext;
  server: FaultServer;
  /** A temporary folder with the generated models (`tiny`, and `mid` when asked) and the profile. */
  dir: string;
}

/**
 * For one describe block: generated models served by a FaultServer on 127.0.0.1, and a browser with a
 * real profile on disk; all removed afterwards. `models` maps hub ids to model folders.
 */
export function useFaultHub(
  name: string,
  models: (folders: { tiny: string; mid: string; dir: string }) => Record<string, string>,
  { mid = false }: { mid?: boolean } = {},
): FaultHub {
  const hub = {} as FaultHub;
  beforeAll(async () => {
    hub.dir = mkdtempSync(join(tmpdir(), `${name}-`));
    const folders = { tiny: join(hub.dir, 'tiny'), mid: join(hub.dir, 'mid'), dir: hub.dir };
    writeTestModel(folders.tiny, { dtypes: ['fp32'] });
    if (mid) writeTestModel(folders.mid, { preset: MID as never, dtypes: ['fp32'] });
    hub.server = new FaultServer(models(folders));
    await hub.server.start();
    hub.context = await launchPersistent(join(hub.dir, 'profile'));
  });
  afterAll(async () => {
    await hub.context?.close();
    await hub.server?.stop();
    if (hub.dir) rmSync(hub.dir, { recursive: true, force: true });
  });
  return hub;
}
