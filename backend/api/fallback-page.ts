/** Served at `/` when the renderer has not been built, so a browser shows what to do instead of a 404. */
export const FALLBACK_PAGE = `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>0.00sec</title></head>
<body style="font-family: sans-serif; margin: 3rem">
<h1>0.00sec</h1>
<p>The API is running, but the user interface has not been built. Run <code>npm run build</code>, then reload.</p>
<p>API は動作中ですが、画面がビルドされていません。<code>npm run build</code> を実行してから再読み込みしてください。</p>
<p><a href="/api/v1/health">/api/v1/health</a> · <a href="/api/v1/openapi.json">/api/v1/openapi.json</a></p>
</body></html>
`;
