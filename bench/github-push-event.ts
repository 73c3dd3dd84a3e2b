// A GitHub `push` webhook as Argo's webhook EventSource delivers it to a Sensor:
// {header: {...}, body: <GitHub's push payload>}, built in code, field names per GitHub's
// documented push event. `variant` changes ids, times and the branch so events differ.
import type { CloudEvent } from '../src/engine/cloudevent.js';

const COMMITS = 20;

function sha(seed: number): string {
  let h = (seed * 2654435761) >>> 0;
  let out = '';
  for (let i = 0; i < 40; i++) {
    h = (h * 1103515245 + 12345) >>> 0;
    out += (h >>> 28).toString(16);
  }
  return out;
}

function person(n: number) {
  return { name: `Developer ${n}`, email: `dev${n}@example.com`, username: `dev${n}` };
}

function commit(variant: number, i: number) {
  const id = sha(variant * 100 + i);
  return {
    id,
    tree_id: sha(variant * 100 + i + 50),
    distinct: true,
    message: `Fix issue #${1000 + i}: handle the edge case in module ${i}\n\nLonger description of the change.`,
    timestamp: new Date(Date.UTC(2024, 6, 15, 10, i, 0)).toISOString(),
    url: `https://github.com/octo-org/octo-repo/commit/${id}`,
    author: person(i % 5),
    committer: person(i % 5),
    added: [`src/module${i}/new-file.ts`],
    removed: [],
    modified: [`src/module${i}/index.ts`, 'README.md'],
  };
}

function owner() {
  return {
    name: 'octo-org',
    email: null,
    login: 'octo-org',
    id: 6811672,
    node_id: 'MDEyOk9yZ2FuaXphdGlvbjY4MTE2NzI=',
    avatar_url: 'https://avatars.githubusercontent.com/u/6811672?v=4',
    url: 'https://api.github.com/users/octo-org',
    html_url: 'https://github.com/octo-org',
    type: 'Organization',
    site_admin: false,
  };
}

export function githubPushBody(variant: number) {
  const commits = Array.from({ length: COMMITS }, (_, i) => commit(variant, i));
  const branch = variant % 4 === 3 ? 'feature/x' : 'main';
  return {
    ref: `refs/heads/${branch}`,
    before: sha(variant + 7),
    after: commits[commits.length - 1]!.id,
    repository: {
      id: 186853002,
      node_id: 'MDEwOlJlcG9zaXRvcnkxODY4NTMwMDI=',
      name: 'octo-repo',
      full_name: 'octo-org/octo-repo',
      private: false,
      owner: owner(),
      html_url: 'https://github.com/octo-org/octo-repo',
      description: 'An example repository',
      fork: false,
      url: 'https://github.com/octo-org/octo-repo',
      created_at: 1557933565,
      updated_at: '2024-07-15T10:00:00Z',
      pushed_at: 1721037600,
      git_url: 'git://github.com/octo-org/octo-repo.git',
      ssh_url: 'git@github.com:octo-org/octo-repo.git',
      clone_url: 'https://github.com/octo-org/octo-repo.git',
      homepage: null,
      size: 1024,
      stargazers_count: 42,
      watchers_count: 42,
      language: 'TypeScript',
      has_issues: true,
      forks_count: 3,
      archived: false,
      disabled: false,
      open_issues_count: 7,
      topics: ['events', 'automation'],
      visibility: 'public',
      default_branch: 'main',
      master_branch: 'main',
      organization: 'octo-org',
    },
    pusher: { name: 'dev0', email: 'dev0@example.com' },
    organization: { login: 'octo-org', id: 6811672, url: 'https://api.github.com/orgs/octo-org' },
    sender: owner(),
    created: false,
    deleted: false,
    forced: false,
    base_ref: null,
    compare: `https://github.com/octo-org/octo-repo/compare/${sha(variant + 7).slice(0, 12)}...${commits[COMMITS - 1]!.id.slice(0, 12)}`,
    commits,
    head_commit: commits[commits.length - 1],
  };
}

export function githubPushEvent(variant: number): CloudEvent {
  const body = githubPushBody(variant);
  return {
    specversion: '1.0',
    id: `push-${variant}`,
    source: 'github',
    subject: 'push',
    type: 'webhook',
    time: new Date(Date.UTC(2024, 6, 15, 10, 0, variant % 60)).toISOString(),
    datacontenttype: 'application/json',
    data: {
      header: {
        'Content-Type': ['application/json'],
        'User-Agent': ['GitHub-Hookshot/abc1234'],
        'X-Github-Event': ['push'],
        'X-Github-Delivery': [`72d3162e-cc78-11e3-81ab-${String(variant).padStart(12, '0')}`],
        'X-Github-Hook-Id': ['292430182'],
        'X-Hub-Signature-256': [`sha256=${sha(variant)}${sha(variant + 1).slice(0, 24)}`],
      },
      body,
    },
  };
}
