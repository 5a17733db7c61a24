export { createViewerApp, type ViewerAppOptions } from './create-viewer-app.ts';
export { escapeHtml, html, SafeHtml } from './html.ts';
export { CONTENT_SECURITY_POLICY } from './security-headers.ts';
export { type RunningViewer, type StartViewerOptions, startViewer } from './start-viewer.ts';
