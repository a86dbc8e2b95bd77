import type { StoredModel } from '../../workers/protocol';
import { findModel, importedModel } from './catalog';

/** What a model is called in the app: its catalog label, an imported model's own, or its hub id. */
export function modelLabel(modelId: string, stored: StoredModel[]): string {
  const imported = stored
    .filter((m) => m.source === 'imported')
    .map(importedModel)
    .find((m) => m.id === modelId);
  return (imported ?? findModel(modelId)).label;
}
