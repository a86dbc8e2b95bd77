import { expose } from 'comlink';
import type { StoreApi } from './protocol';
import { importModel } from './store/import-model';
import {
  discardPartials,
  exportModel,
  listModels,
  removeAll,
  removeModel,
  removeOrphans,
  verifyModel,
} from './store/store-admin';

const api: StoreApi = {
  list: listModels,
  verify: verifyModel,
  remove: removeModel,
  discardPartials,
  removeAll,
  removeOrphans,
  importModel,
  exportModel,
};
expose(api);
