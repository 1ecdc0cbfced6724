// news articles: the first content kind, with no detail table (the section is on the item).
import { defineModule } from './module.ts';

export const articleModule = defineModule({
  kinds: { ARTICLE: { category: 'NEWS', segment: 'article', typeName: 'Article', dcType: 'Text', label: { vi: 'Tin bài', en: 'News article' } } },
  inputField: 'article',
  input: null,
  load: async () => [],
  fields: () => ({}),
  clean: () => null,
  write: async () => {},
});
