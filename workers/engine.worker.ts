import { expose } from 'comlink';
import { Engine } from './engine';
import { listenForFaults } from './test-faults';
import { watchWasmHeap } from './wasm-heap';

listenForFaults();
watchWasmHeap();
expose(new Engine());
