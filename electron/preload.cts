// The whole bridge between the page and the app: invoke(method, input) for the API, and the
// co-edited notes' link to the relay (electron/coedit.ts), which carries opaque Yjs messages on
// sockets the main process names. No ipcRenderer, no Node, nothing else reaches the page.

import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

contextBridge.exposeInMainWorld('corroborate', {
  invoke: (method: string, input?: unknown): Promise<unknown> => ipcRenderer.invoke('api', String(method), input),
  coedit: {
    open: (): Promise<unknown> => ipcRenderer.invoke('coedit:open'),
    send: (id: string, data: Uint8Array): void => ipcRenderer.send('coedit:send', String(id), data),
    close: (id: string): void => ipcRenderer.send('coedit:close', String(id)),
    pong: (id: string): void => ipcRenderer.send('coedit:pong', String(id)),
    // The page hears the relay's messages only: never the IPC event (it holds the sender).
    listen: (receive: (id: string, kind: string, data?: unknown, reason?: unknown) => void): (() => void) => {
      const heard = (_event: IpcRendererEvent, id: string, kind: string, data?: unknown, reason?: unknown) => receive(id, kind, data, reason);
      ipcRenderer.on('coedit', heard);
      return () => void ipcRenderer.removeListener('coedit', heard);
    },
  },
});
