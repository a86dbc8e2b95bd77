import { downloadZip } from 'client-zip';
import type { ModelFile } from '../../workers/protocol';

/** The folder name an exported model gets: `owner--name`, safe on every file system. */
export const exportFolderName = (modelId: string) => modelId.replace(/[\\/:*?"<>|]+/g, '--');

/**
 * One .zip of the model folder, built as a stream from the stored Blobs (client-zip stores, no
 * compression: ONNX weights do not compress) and handed to the browser as a download.
 */
export async function downloadModelZip(modelId: string, files: ModelFile[]): Promise<void> {
  const folder = exportFolderName(modelId);
  const zip = downloadZip(
    files.map((f) => ({ name: `${folder}/${f.path}`, input: f.blob, lastModified: new Date() })),
  );
  const url = URL.createObjectURL(await zip.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: `${folder}.zip` });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

type DirectoryHandle = {
  getDirectoryHandle(name: string, o: { create: boolean }): Promise<DirectoryHandle>;
  getFileHandle(name: string, o: { create: boolean }): Promise<{ createWritable(): Promise<WritableStream> }>;
};

/** Whether this browser can write a folder (the File System Access API: Chromium-based browsers). */
export const canSaveFolder = () => 'showDirectoryPicker' in window;

/** Writes the model as a folder the user picks, streaming each file: nothing is held in memory. */
export async function saveModelFolder(modelId: string, files: ModelFile[]): Promise<void> {
  const picker = (window as unknown as { showDirectoryPicker(o: object): Promise<DirectoryHandle> })
    .showDirectoryPicker;
  const root = await picker({ mode: 'readwrite' });
  const dir = await root.getDirectoryHandle(exportFolderName(modelId), { create: true });
  for (const f of files) {
    const parts = f.path.split('/');
    let parent = dir;
    for (const part of parts.slice(0, -1)) parent = await parent.getDirectoryHandle(part, { create: true });
    const handle = await parent.getFileHandle(parts.at(-1)!, { create: true });
    await f.blob.stream().pipeTo(await handle.createWritable());
  }
}
