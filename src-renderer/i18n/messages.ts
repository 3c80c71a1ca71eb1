/**
 * Every word the UI shows, in Japanese (the users' language, and the default) and English. `ja` defines
 * the keys and `en` must have exactly the same ones, so a missing translation fails to compile.
 * `{name}` marks a value filled in by `t(key, { name })`.
 */
export const LANGUAGES = ['ja', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const ja = {
  'app.name': '0.00sec',
  'app.tagline': '実験計画・モデリング・最適化',
  'language.label': '表示言語',
  'language.ja': '日本語',
  'language.en': 'English',
  'connection.state': 'バックエンド：{state}',
  'connection.connecting': '接続中…',
  'connection.connected': '接続済み',
  'connection.degraded': '接続済み（一部機能が停止中）',
  'connection.disconnected': '未接続',
  'connection.version': 'バージョン {version}（{mode}）',
  'jobs.title': '最近のジョブ',
  'jobs.empty': 'ジョブはまだありません。',
  'jobs.loading': '読み込み中…',
  'jobs.error': 'ジョブ一覧を取得できませんでした：{message}',
  'jobs.column.id': 'ジョブID',
  'jobs.column.type': '種類',
  'jobs.column.status': '状態',
  'jobs.column.progress': '進捗',
  'jobType.optimization': '実験計画（最適点選択）',
  'jobType.linear_analysis': '線形回帰分析',
  'jobType.nonlinear_analysis': '非線形回帰分析',
  'jobType.classification': '分類（OK/NG）',
  'jobType.prediction': '予測',
  'jobType.pareto': 'パレート解析',
  'jobStatus.queued': '待機中',
  'jobStatus.running': '実行中',
  'jobStatus.uploading_outputs': '結果を保存中',
  'jobStatus.completed': '完了',
  'jobStatus.failed': '失敗',
  'jobStatus.cancelled': 'キャンセル',
};

export type MessageKey = keyof typeof ja;
export type Messages = Readonly<Record<MessageKey, string>>;

const en: Messages = {
  'app.name': '0.00sec',
  'app.tagline': 'Design of experiments, modelling and optimisation',
  'language.label': 'Language',
  'language.ja': '日本語',
  'language.en': 'English',
  'connection.state': 'Backend: {state}',
  'connection.connecting': 'Connecting…',
  'connection.connected': 'Connected',
  'connection.degraded': 'Connected (some services are down)',
  'connection.disconnected': 'Not connected',
  'connection.version': 'version {version} ({mode})',
  'jobs.title': 'Recent jobs',
  'jobs.empty': 'No jobs yet.',
  'jobs.loading': 'Loading…',
  'jobs.error': 'Could not load the jobs: {message}',
  'jobs.column.id': 'Job ID',
  'jobs.column.type': 'Type',
  'jobs.column.status': 'Status',
  'jobs.column.progress': 'Progress',
  'jobType.optimization': 'Design of experiments',
  'jobType.linear_analysis': 'Linear regression',
  'jobType.nonlinear_analysis': 'Non-linear regression',
  'jobType.classification': 'Classification (OK/NG)',
  'jobType.prediction': 'Prediction',
  'jobType.pareto': 'Pareto analysis',
  'jobStatus.queued': 'Queued',
  'jobStatus.running': 'Running',
  'jobStatus.uploading_outputs': 'Saving results',
  'jobStatus.completed': 'Completed',
  'jobStatus.failed': 'Failed',
  'jobStatus.cancelled': 'Cancelled',
};

export const MESSAGES: Readonly<Record<Language, Messages>> = { ja, en };

/** Japanese unless the browser or OS asks for English. */
export function detectLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'ja') return 'ja';
    if (base === 'en') return 'en';
  }
  return 'ja';
}

/** Looks a key up and fills `{name}` placeholders; an unknown placeholder is left as written. */
export function translate(
  language: Language,
  key: MessageKey,
  values?: Record<string, string | number>,
): string {
  const text = MESSAGES[language][key];
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
