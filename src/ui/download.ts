/**
 * Saves text as a file through a temporary `blob:` link (no `downloads` permission needed). The
 * URL is revoked a moment later: revoking at once can cancel the download in Chromium.
 */
export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
