"""Progress over an episode of care: PROM responses, their scores and change between visits."""
