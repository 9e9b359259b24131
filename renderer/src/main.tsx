import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { applyRememberedTheme } from './theme';
import { signInFromAddress } from './token';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
applyRememberedTheme();

void signInFromAddress().then((refused) => {
  // An error an error boundary caught is handled (the boundary shows it): a warning, not an error.
  createRoot(root, { onCaughtError: (error) => console.warn('Corroborate recovered from an error:', error) }).render(
    <StrictMode>
      {refused === null ? (
        <App />
      ) : (
        <main className="sign-in-refused">
          <h1>This window is not signed in</h1>
          <p className="alert" role="alert">
            {refused}
          </p>
        </main>
      )}
    </StrictMode>,
  );
});
