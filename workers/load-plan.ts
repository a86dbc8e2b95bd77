import { env, ModelRegistry, type PretrainedConfig } from '@huggingface/transformers';
import type { LoadRequest, PlannedFile } from './protocol';
import type { ModelStore } from './store/model-store';

/** What AutoTokenizer reads for every model this app loads. */
const TOKENIZER_FILES = ['tokenizer.json', 'tokenizer_config.json'];

/** Where transformers.js will ask for `file` of this load (the same URL the store keys it by). */
export function fileUrl(request: LoadRequest, file: string): string {
  if (request.source === 'hub')
    return `${env.remoteHost.replace(/\/+$/, '')}/${request.modelId}/resolve/main/${file}`;
  return new URL(`${env.localModelPath}${request.modelId}/${file}`, request.appUrl).href;
}

/**
 * Every file this load will read, with sizes, before the weights are read: so the overall
 * bar counts them all from its first value. Files the host does not have are left out; an empty plan
 * (the library could not tell) makes the bar say the total is unknown.
 */
export async function loadPlan(
  request: LoadRequest,
  config: PretrainedConfig,
  store: ModelStore,
): Promise<PlannedFile[]> {
  let files: string[];
  try {
    files = await ModelRegistry.get_model_files(request.modelId, {
      config,
      dtype: request.dtype,
      device: request.backend,
    });
  } catch {
    return [];
  }
  const sized = await Promise.all(
    [...new Set([...files, ...TOKENIZER_FILES])].map(async (file) => ({
      file,
      size: await store.sizeOf(fileUrl(request, file)).catch(() => null),
    })),
  );
  return sized.filter((f): f is PlannedFile => f.size !== 'absent');
}

/** The planned files ONNX Runtime builds its session from (the weights). */
export const isWeights = (file: string) => /\.onnx(_data(_\d+)?)?$/.test(file);
