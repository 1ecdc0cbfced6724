// GraphiQL 5 for the hub, bundled by vite (gateway/ide/vite.config.ts) and served by the
// gateway: no CDN, works offline. The examples open as tabs; the headers editor is preset
// with an Authorization line for a staff token; the locale switch sets Accept-Language.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './hub.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import type { Fetcher } from '@graphiql/toolkit';
import { EXAMPLES } from '../examples.ts';

const LOCALE_KEY = 'hub.locale';
const locale = document.getElementById('hub-locale') as HTMLSelectElement;
locale.value = localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'vi';
locale.onchange = () => localStorage.setItem(LOCALE_KEY, locale.value);

/** The headers preset: fill in the token, or leave "Bearer " empty for the public view. */
const HEADERS = JSON.stringify({ Authorization: 'Bearer ' }, null, 2);

const fetcher: Fetcher = async (params, options) => {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', 'accept-language': locale.value };
  for (const [name, value] of Object.entries((options?.headers ?? {}) as Record<string, unknown>)) {
    const text = typeof value === 'string' ? value.trim() : '';
    // An empty preset ("Bearer ") is no token at all: the hub would refuse it as malformed.
    if (!text || /^bearer$/i.test(text)) continue;
    headers[name.toLowerCase()] = text;
  }
  const res = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify(params) });
  return res.json();
};

const defaultTabs = Object.values(EXAMPLES).map((query) => ({ query, headers: HEADERS }));

createRoot(document.getElementById('graphiql')!).render(
  createElement(GraphiQL, { fetcher, defaultTabs, defaultHeaders: HEADERS, shouldPersistHeaders: false, defaultEditorToolsVisibility: 'headers' }),
);
