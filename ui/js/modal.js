// A native modal <dialog>, the way Rapport's dialogs share it: Escape closes it (unless it is
// busy), the app's own shortcuts wait until it is closed, and the focus goes back to the
// button that opened it. Styles: `dialog.modal` in styles.css.

/** Shows `dialog`; `onClose` runs once it has gone, then the focus returns to `opener`. */
export function showModal(dialog, { opener = null, isBusy = () => false, onClose = () => {}, focus = null } = {}) {
  dialog.classList.add('modal');
  dialog.addEventListener('cancel', (event) => { if (isBusy()) event.preventDefault(); });
  dialog.addEventListener('keydown', (event) => { event.stopPropagation(); });
  dialog.addEventListener('close', () => {
    dialog.remove();
    onClose();
    if (opener?.isConnected) opener.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
  focus?.focus();
}
