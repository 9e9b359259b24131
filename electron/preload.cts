// The whole bridge between the page and the app: one function, invoke(method, input).
// No ipcRenderer, no Node, nothing else reaches the page.

import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('corroborate', {
  invoke: (method: string, input?: unknown): Promise<unknown> => ipcRenderer.invoke('api', String(method), input),
});
