// The insight dashboard at /agent/innsikt.
import { render } from 'preact';
import { readBoot } from '../boot.js';
import { InsightApp } from './InsightApp.js';

render(<InsightApp base={location.origin} boot={readBoot()} now={() => new Date()} />, document.getElementById('konsoll')!);
