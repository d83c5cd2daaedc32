// Entry point of the web app: registers the root element.
import './ui/app.ts';
