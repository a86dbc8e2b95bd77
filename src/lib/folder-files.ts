import type { ModelFile } from '../../workers/protocol';

/** Files from `<input webkitdirectory>`: each knows its path under the picked folder. */
export function filesFromInput(list: FileList): { name: string; files: ModelFile[] } {
  const files = [...list].map((file) => ({ path: file.webkitRelativePath || file.name, blob: file as Blob }));
  return { name: files[0]?.path.split('/')[0] ?? 'model', files };
}

/** Files from a drop: a dropped folder is walked with the File and Directory Entries API. */
export async function filesFromDrop(transfer: DataTransfer): Promise<{ name: string; files: ModelFile[] }> {
  const entries = [...transfer.items]
    .map((item) => item.webkitGetAsEntry())
    .filter((e): e is FileSystemEntry => !!e);
  const files: ModelFile[] = [];
  for (const entry of entries) await walk(entry, '', files);
  const folder = entries.length === 1 && entries[0]!.isDirectory ? entries[0]!.name : 'dropped-model';
  return { name: folder, files };
}

async function walk(entry: FileSystemEntry, prefix: string, out: ModelFile[]): Promise<void> {
  const path = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) =>
      (entry as FileSystemFileEntry).file(resolve, reject),
    );
    out.push({ path, blob: file });
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // NOTE: readEntries returns a batch at a time (100 in Chromium) and an empty batch at the end.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (!batch.length) break;
    for (const child of batch) await walk(child, path, out);
  }
}
