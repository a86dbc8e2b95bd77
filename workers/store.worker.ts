import { expose } from 'comlink';
import type { StoreApi } from './protocol';
import {
  exportModel,
  importModel,
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
  removeAll,
  removeOrphans,
  importModel,
  exportModel,
};
expose(api);
