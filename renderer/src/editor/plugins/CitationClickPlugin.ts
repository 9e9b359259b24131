// Names and marked passages in the text open what they point at on a click with Ctrl/Cmd held
// (as links do in editors), so that an ordinary click still places the caret in them.

import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useEffect } from 'react';
import { useNavigation } from '../../navigation';

export function CitationClickPlugin({ caseId }: { caseId: string }) {
  const [editor] = useLexicalComposerContext();
  const { openSource, openClaim } = useNavigation();
  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      if (!(e.ctrlKey || e.metaKey) || !(e.target instanceof Element)) return;
      const mention = e.target.closest<HTMLElement>('.source-mention');
      const mark = e.target.closest<HTMLElement>('mark.claim-mark');
      const claimId = mark?.dataset.claimIds?.split(' ')[0];
      if (mention?.dataset.sourceId) openSource(mention.dataset.sourceId);
      else if (claimId) openClaim(caseId, claimId);
      else return;
      e.preventDefault();
    };
    const stop = editor.registerRootListener((root, previous) => {
      previous?.removeEventListener('click', onClick);
      root?.addEventListener('click', onClick);
    });
    return () => {
      stop();
      editor.getRootElement()?.removeEventListener('click', onClick);
    };
  }, [editor, openSource, openClaim, caseId]);
  return null;
}
