import { expose } from 'comlink';
import { Engine } from './engine';
import { listenForFaults } from './test-faults';

listenForFaults();
expose(new Engine());
