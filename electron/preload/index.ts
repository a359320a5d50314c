// Sandboxed preload: bundled to CommonJS, and may only require('electron').
import { contextBridge, ipcRenderer } from 'electron';
import { createHostApi } from './api';

contextBridge.exposeInMainWorld(
  'jiuzhu',
  createHostApi((channel, ...args) => ipcRenderer.invoke(channel, ...args)),
);
