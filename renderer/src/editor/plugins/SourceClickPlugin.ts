// A source named in the text opens its record on a click with Ctrl/Cmd held, as links do in
// editors, so that an ordinary click still places the caret in the name.

import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useEffect } from 'react';
import { useNavigation } from '../../navigation';

export function SourceClickPlugin() {
  const [editor] = useLexicalComposerContext();
  const { openSource } = useNavigation();
  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      const mention = (e.target as Element | null)?.closest?.<HTMLElement>('.source-mention');
      if (!mention?.dataset.sourceId || !(e.ctrlKey || e.metaKey)) return;
      e.preventDefault();
      openSource(mention.dataset.sourceId);
    };
    const stop = editor.registerRootListener((root, previous) => {
      previous?.removeEventListener('click', onClick);
      root?.addEventListener('click', onClick);
    });
    return () => {
      stop();
      editor.getRootElement()?.removeEventListener('click', onClick);
    };
  }, [editor, openSource]);
  return null;
}
